"""Joins its stdin and stdout to the scoring server's socket, byte for byte.

The studio reaches an instance on another machine's Docker host through the engine's own API: one
`docker exec` of this script per connection, its stdin and stdout carried by the engine's (TLS or
ssh) connection. Standard library only.
"""

import os
import socket
import sys
import threading

SOCKET = os.path.join(os.environ.get("CRUCIBLE_SOCKET_DIR", "/crucible/run"), "score.sock")
CHUNK = 64 * 1024


def pump_stdin(conn):
    try:
        while True:
            data = os.read(0, CHUNK)
            if not data:
                break
            conn.sendall(data)
    except OSError:
        pass
    finally:
        # The studio's side is done sending: the server sees the end of the request stream.
        try:
            conn.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def main():
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(SOCKET)
    except OSError as error:
        sys.stderr.write(f"the scoring server is not listening: {error}\n")
        return 1
    threading.Thread(target=pump_stdin, args=(conn,), daemon=True).start()
    while True:
        data = conn.recv(CHUNK)
        if not data:
            return 0
        view = memoryview(data)
        while view:
            view = view[os.write(1, view):]


if __name__ == "__main__":
    sys.exit(main())
