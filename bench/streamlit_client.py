"""A client of Streamlit's own websocket protocol, for load tests without 30 browsers.

It speaks to `/_stcore/stream` as the browser does: protobuf `BackMsg` rerun requests with the
widget states, protobuf `ForwardMsg` replies (a `new_session` per run, one `delta` per element,
`navigation`, `script_finished`). It keeps the elements of the current run by their delta path,
finds widgets by their label, and clicks or fills them. It does not draw anything: the time it
measures is the server's share of "click → result on screen" plus the network.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

WIDGETS = ("button", "text_input", "selectbox", "slider", "checkbox", "radio", "text_area",
           "number_input", "multiselect", "button_group")
FINISHED = {ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY"),
            ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")}


class ProtocolError(RuntimeError):
    """The server sent an exception, a compile error or nothing in time."""


@dataclass
class StreamlitClient:
    """One browser tab's worth of Streamlit session, without the browser."""

    url: str  # http://host:port
    elements: dict[tuple[int, ...], Element] = field(default_factory=dict)
    fragments: dict[str, str] = field(default_factory=dict)  # widget id → its fragment
    origin: dict[tuple[int, ...], str] = field(default_factory=dict)  # element → its fragment
    values: dict[str, WidgetState] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # url path → page script hash
    page_hash: str = ""
    auto_reruns: dict[str, float] = field(default_factory=dict)  # fragment → seconds (run_every)
    tab_bars: list[str] = field(default_factory=list)  # ids of stateful st.tabs, page order
    frames: list[bytes] = field(default_factory=list)  # every message received, as sent
    keep_frames: bool = False  # keep them (a test reads what reached the browser)
    local_host: str | None = None  # e.g. 127.0.0.7: the server sees another client address
    cookie: str | None = None  # e.g. a proxy's route cookie (nest_route=…), as a browser sends it
    _socket: websockets.ClientConnection | None = None
    _watch: Callable[[Element], bool] | None = None
    _seen: asyncio.Event = field(default_factory=asyncio.Event)
    _turn: asyncio.Lock = field(default_factory=asyncio.Lock)  # one request in flight, as a tab

    async def connect(self, page: str = "") -> None:
        stream = self.url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        extra: dict[str, object] = {"local_addr": (self.local_host, 0)} if self.local_host else {}
        if self.cookie:
            extra["additional_headers"] = {"Cookie": self.cookie}
        self._socket = await websockets.connect(stream, subprotocols=["streamlit"],
                                                max_size=None, open_timeout=60, **extra)
        await self._rerun(ClientState(query_string="", page_name=page))

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()

    # -- what is on the page --------------------------------------------------------------
    def find(self, kind: str, label: str) -> Element:
        """The current run's element of this kind whose label (or body) is `label`."""
        for path in sorted(self.elements):
            element = self.elements[path]
            if element.WhichOneof("type") == kind:
                proto = getattr(element, kind)
                if getattr(proto, "label", getattr(proto, "body", None)) == label:
                    return element
        raise ProtocolError(f"no {kind} labelled {label!r} on the page")

    def texts(self, kind: str) -> list[str]:
        return [getattr(e, kind).body for _, e in sorted(self.elements.items())
                if e.WhichOneof("type") == kind]

    def errors(self) -> list[str]:
        """Exception boxes and red alerts of the current run."""
        found = [e.exception.message for e in self.elements.values()
                 if e.WhichOneof("type") == "exception"]
        found += [e.alert.body for e in self.elements.values()
                  if e.WhichOneof("type") == "alert" and e.alert.format == 1]  # ERROR
        return found

    # -- what a user does -----------------------------------------------------------------
    def fill(self, label: str, text: str) -> None:
        widget = self.find("text_input", label).text_input
        self.values[widget.id] = WidgetState(id=widget.id, string_value=text)

    async def click(self, label: str, *, until: Callable[[Element], bool] | None = None,
                    timeout: float = 60) -> float:
        """Click a button; return the seconds until `until` matched an element (or the run ended)."""
        button = self.find("button", label).button
        trigger = WidgetState(id=button.id, trigger_value=True)
        return await self._timed(ClientState(query_string="", page_script_hash=self.page_hash,
                                             fragment_id=self.fragments.get(button.id, ""),
                                             widget_states=WidgetStates(
                                                 widgets=[*self.values.values(), trigger])),
                                 until, timeout)

    async def toggle(self, label: str, value: bool, *,
                     until: Callable[[Element], bool] | None = None, timeout: float = 60) -> float:
        """Set a checkbox or toggle; return the seconds until `until` matched (or the run ended)."""
        box = self.find("checkbox", label).checkbox
        self.values[box.id] = WidgetState(id=box.id, bool_value=value)
        return await self._timed(ClientState(query_string="", page_script_hash=self.page_hash,
                                             fragment_id=self.fragments.get(box.id, ""),
                                             widget_states=WidgetStates(
                                                 widgets=list(self.values.values()))),
                                 until, timeout)

    async def choose_tab(self, label: str, bar: int = 0, timeout: float = 60) -> float:
        """Open the tab ``label`` of the page's ``bar``-th stateful tab bar (``st.tabs`` with a
        key), as a click on it does: its widget state is the tab's label."""
        tabs = self.tab_bars[bar]
        self.values[tabs] = WidgetState(id=tabs, string_value=label)
        return await self._timed(ClientState(query_string="", page_script_hash=self.page_hash,
                                             widget_states=WidgetStates(
                                                 widgets=list(self.values.values()))),
                                 None, timeout)

    async def refresh(self, fragment_id: str, timeout: float = 60) -> float:
        """What the browser does every `run_every` seconds: rerun that fragment."""
        state = ClientState(query_string="", page_script_hash=self.page_hash,
                            fragment_id=fragment_id, is_auto_rerun=True,
                            widget_states=WidgetStates(widgets=list(self.values.values())))
        return await self._timed(state, None, timeout)

    async def open(self, url_path: str, timeout: float = 60) -> float:
        """Follow a sidebar link to the page at this URL path."""
        state = ClientState(query_string="", page_script_hash=self.pages[url_path],
                            widget_states=WidgetStates(widgets=list(self.values.values())))
        return await self._timed(state, None, timeout)

    # -- the protocol ---------------------------------------------------------------------
    async def _timed(self, state: ClientState, until: Callable[[Element], bool] | None,
                     timeout: float) -> float:
        t0 = time.perf_counter()  # a click made while a refresh runs waits for it, as in a browser
        async with self._turn:
            self._watch, self._seen = until, asyncio.Event()
            await self._socket.send(BackMsg(rerun_script=state).SerializeToString())
            seen_at = await asyncio.wait_for(self._settle(t0, state.fragment_id), timeout)
            self._watch = None
        return seen_at - t0

    async def keep_refreshing(self, until: asyncio.Event) -> list[float]:
        """Rerun every `run_every` fragment on its interval, as the browser does, until told;
        return how long each refresh took (seconds)."""
        if not self.auto_reruns:
            await until.wait()
            return []
        fragment, seconds = min(self.auto_reruns.items(), key=lambda item: item[1])
        took = []
        while not until.is_set():
            try:
                await asyncio.wait_for(until.wait(), seconds)
            except TimeoutError:
                took.append(await self.refresh(fragment))
        return took

    async def _rerun(self, state: ClientState, timeout: float = 60) -> None:
        await self._socket.send(BackMsg(rerun_script=state).SerializeToString())
        await asyncio.wait_for(self._settle(time.perf_counter(), state.fragment_id), timeout)

    async def _settle(self, t0: float, fragment: str = "") -> float:
        """Read messages until a run finishes for good (not one cut short by a page switch).
        A fragment's run redraws that fragment only: the rest of the page stays."""
        seen_at = None
        while True:
            msg, raw = ForwardMsg(), await self._socket.recv()
            if self.keep_frames:
                self.frames.append(raw)
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # a fragment's run starts with one too
                if fragment:
                    for path in [p for p, f in self.origin.items() if f == fragment]:
                        del self.elements[path], self.origin[path]
                else:
                    self.elements, self.origin, self.tab_bars = {}, {}, []
                self.values = {k: v for k, v in self.values.items() if not v.trigger_value}
            elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
                block = msg.delta.add_block
                if (block.WhichOneof("type") == "tab_container" and block.tab_container.id
                        and block.tab_container.id not in self.tab_bars):
                    self.tab_bars.append(block.tab_container.id)
            elif kind == "auto_rerun":
                self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                self.elements[tuple(msg.metadata.delta_path)] = element
                self.origin[tuple(msg.metadata.delta_path)] = msg.delta.fragment_id
                kind_of = element.WhichOneof("type")
                if msg.delta.fragment_id and kind_of in WIDGETS:  # a click there reruns the fragment only
                    self.fragments[getattr(element, kind_of).id] = msg.delta.fragment_id
                if seen_at is None and self._watch is not None and self._watch(element):
                    seen_at = time.perf_counter()
            elif kind == "session_event" and msg.session_event.WhichOneof("type") != "script_changed_on_disk":
                raise ProtocolError(f"session event: {msg.session_event}")
            elif kind == "script_finished" and msg.script_finished in FINISHED:
                return seen_at if seen_at is not None else time.perf_counter()
