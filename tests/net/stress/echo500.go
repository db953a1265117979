// procs: 1,2
// timeout: 20
package main

// 500 concurrent connections through an echo server (a goroutine per
// connection, io.Copy), 100 request/reply messages each; checksums compared.

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"sync"
)

const conns = 500
const msgs = 100

func checksum(s string, sum uint32) uint32 {
	for i := 0; i < len(s); i++ {
		sum = sum*31 + uint32(s[i])
	}
	return sum
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				io.Copy(c, c)
				c.Close()
			}(c)
		}
	}()
	addr := ln.Addr().String()
	var wg sync.WaitGroup
	sums := make([]uint32, conns)
	want := make([]uint32, conns)
	errs := make(chan error, conns)
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			r := bufio.NewReader(c)
			var got, exp uint32
			for m := 0; m < msgs; m++ {
				line := fmt.Sprintf("conn %d message %d payload %d\n", id, m, id*m)
				exp = checksum(line, exp)
				if _, err := c.Write([]byte(line)); err != nil {
					errs <- err
					return
				}
				reply, err := r.ReadString('\n')
				if err != nil {
					errs <- err
					return
				}
				got = checksum(reply, got)
			}
			sums[id] = got
			want[id] = exp
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		fmt.Println("error:", err)
	}
	bad := 0
	var total uint64
	for i := 0; i < conns; i++ {
		if sums[i] != want[i] {
			bad++
		}
		total += uint64(sums[i])
	}
	ln.Close()
	fmt.Println("connections:", conns, "messages:", conns*msgs, "mismatches:", bad)
	fmt.Println("checksum:", total)
}
