"""Sign in: staff with username and password; trainees with join code, name and PIN.

A name nobody has joined with yet is asked about before a trainee is made of it ("New
here?"): a typo must not silently become a second trainee. The question repeats only the
name typed — never a name on the roster, which anyone holding the code could read."""

import streamlit as st

from academy.accounts import MAX_PASSWORD, join_workshop, sign_in
from academy.errors import AcademyError
from ui import bounded, navigation, session
from ui.i18n import t
from ui.messages import show_error
from ui.state import db
from ui.text import plain

NEW = "signin.new"  # the join waiting for "yes, I am new": code, name, PIN and place

if (user := session.current_user()) is not None:
    st.switch_page(navigation.after_sign_in(user.role))

client = session.client_address()  # failures slow this machine only (academy/throttle.py)

st.title(t("signin.title"))
st.write(t("signin.intro"))
trainee_tab, staff_tab = st.tabs([t("signin.tab_trainee"), t("signin.tab_staff")])


def join(code: str, name: str, pin: str, *, new: bool) -> None:
    try:
        with db() as s:
            user = join_workshop(s, code=code, name=name, pin=pin, client=client, new=new)
        session.start(user)
        st.switch_page(navigation.after_sign_in(user.role))
    except AcademyError as error:
        if error.code != "join_new":
            show_error(error)
        else:
            st.session_state[NEW] = {"code": code, "name": name, "pin": pin, **error.params}


with trainee_tab:
    with st.form("signin.join"):
        code = st.text_input(t("signin.join_code"), max_chars=12, key="signin.code")
        name = bounded.text_input(t("signin.name"), limit=80, key="signin.name")
        pin = st.text_input(t("signin.pin"), type="password", max_chars=8, key="signin.pin",
                            help=t("signin.pin_help"))
        if st.form_submit_button(t("signin.join_button"), type="primary") and bounded.fits(
                (name, 80)):
            st.session_state.pop(NEW, None)
            join(code, name, pin, new=False)
    if (pending := st.session_state.get(NEW)) is not None:
        st.warning(t(f"signin.new_here_{pending['place']}", name=plain(pending["name"])),
                   icon=":material/person_add:")
        create, recheck = st.columns(2)
        if create.button(t("signin.create_new"), key="signin.create", type="primary"):
            del st.session_state[NEW]
            join(pending["code"], pending["name"], pending["pin"], new=True)
        if recheck.button(t("signin.check_spelling"), key="signin.recheck"):
            del st.session_state[NEW]
            st.rerun()

with staff_tab, st.form("signin.staff"):
    username = st.text_input(t("signin.username"), max_chars=40, key="signin.username")
    password = st.text_input(t("signin.password"), type="password", max_chars=MAX_PASSWORD,
                             key="signin.password")
    if st.form_submit_button(t("signin.button"), type="primary"):
        try:
            with db() as s:
                user = sign_in(s, username=username, password=password, client=client)
            session.start(user)
            st.switch_page(navigation.after_sign_in(user.role))
        except AcademyError as error:
            show_error(error)
