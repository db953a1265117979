// echo: a TCP echo server over loopback (a goroutine per connection) and 50
// client goroutines, each with its own connection, sending N/50 messages of
// 64 bytes and waiting for each echo (request/reply). Prints the number of
// messages and a checksum of the echoed bytes.
package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
)

const conns = 50
const size = 64

func serve(c net.Conn) {
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			if _, werr := c.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	c.Close()
}

func client(addr string, id, msgs int, sums chan<- int) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		panic(err)
	}
	out := make([]byte, size)
	in := make([]byte, size)
	sum := 0
	for m := 0; m < msgs; m++ {
		for i := range out {
			out[i] = byte('a' + (id+m+i)%26)
		}
		if _, err := c.Write(out); err != nil {
			panic(err)
		}
		if _, err := io.ReadFull(c, in); err != nil {
			panic(err)
		}
		for _, b := range in {
			sum += int(b)
		}
	}
	c.Close()
	sums <- sum
}

func main() {
	n := 200000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
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
			go serve(c)
		}
	}()
	per := n / conns
	sums := make(chan int)
	for i := 0; i < conns; i++ {
		go client(ln.Addr().String(), i, per, sums)
	}
	total := 0
	for i := 0; i < conns; i++ {
		total += <-sums
	}
	ln.Close()
	fmt.Println(per*conns, total)
}
