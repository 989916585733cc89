"""The server's TCP sockets: small messages leave at once.

A page reaches the browser as dozens of small websocket messages. `streamlit run` (1.67)
listens on a socket made without an explicit protocol number, so asyncio does not switch
off Nagle's algorithm on the connections it accepts: after the first message of a redraw,
the rest waited for the browser's delayed acknowledgement, 40 ms on Linux, on every click
(measured with bench/load_bench.py). Sockets accepted by a listener inherit its
TCP_NODELAY, so setting it once on the listening socket, and on the connections already
open, fixes every later one.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import streamlit as st

FD_DIRS = (Path("/proc/self/fd"), Path("/dev/fd"))


def no_delay() -> int:
    """Switch on TCP_NODELAY on every TCP socket this process holds; return how many."""
    folder = next((d for d in FD_DIRS if d.is_dir()), None)
    if folder is None:
        return 0
    done = 0
    for name in os.listdir(folder):
        try:
            sock = socket.socket(fileno=int(name))  # borrows the descriptor, see detach()
        except (OSError, ValueError):
            continue  # not a socket, or already closed
        try:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                done += 1
        except OSError:
            pass
        finally:
            sock.detach()  # hand the descriptor back untouched: its owner still uses it
    return done


@st.cache_resource(show_spinner=False)
def tune_once() -> int:
    """Once per server process, before the first page is drawn."""
    return no_delay()
