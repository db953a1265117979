# echo: a TCP echo server over loopback and 50 client tasks (asyncio), each
# with its own connection, sending N/50 messages of 64 bytes and waiting for
# each echo. Prints the number of messages and a checksum of the echoed bytes.
import asyncio
import sys

CONNS = 50
SIZE = 64


async def serve(reader, writer):
    while True:
        data = await reader.read(4096)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


async def client(port, cid, msgs):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    total = 0
    for m in range(msgs):
        out = bytes(ord("a") + (cid + m + i) % 26 for i in range(SIZE))
        writer.write(out)
        data = await reader.readexactly(SIZE)
        total += sum(data)
    writer.close()
    return total


async def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    per = n // CONNS
    sums = await asyncio.gather(*(client(port, i, per) for i in range(CONNS)))
    server.close()
    print(per * CONNS, sum(sums))


asyncio.run(main())
