"""ui.sockets: the server's listening socket gets TCP_NODELAY, and what it accepts inherits it."""

from __future__ import annotations

import socket

from ui.sockets import no_delay


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_listener_and_later_connections_send_small_messages_at_once():
    # made as `streamlit run` makes it: no protocol number, so asyncio leaves Nagle on
    listener = socket.socket(family=socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    early = socket.create_connection(listener.getsockname())
    accepted_early, _ = listener.accept()
    try:
        assert nodelay(listener) == 0 and nodelay(accepted_early) == 0
        assert no_delay() >= 3
        assert nodelay(listener) == 1
        assert nodelay(accepted_early) == 1  # connections already open are fixed too
        late = socket.create_connection(listener.getsockname())
        accepted_late, _ = listener.accept()
        assert nodelay(accepted_late) == 1  # inherited from the listener
        late.close()
        accepted_late.close()
    finally:
        for sock in (early, accepted_early, listener):
            sock.close()


def test_other_descriptors_are_left_untouched(tmp_path):
    path = tmp_path / "kept.txt"
    with path.open("w") as kept, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
        no_delay()
        kept.write("still open")  # the borrowed descriptors were handed back, not closed
        unix.getsockname()
    assert path.read_text() == "still open"
