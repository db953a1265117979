// procs: 1,2
package main

// Several goroutines Accept on one listener and several read one connection
// (all of them wait on the same descriptor).

import (
	"fmt"
	"net"
	"sort"
	"sync"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	var mu sync.Mutex
	got := []string{}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 16)
			n, _ := c.Read(buf)
			mu.Lock()
			got = append(got, string(buf[:n]))
			mu.Unlock()
			c.Close()
		}()
	}
	for i := 0; i < 4; i++ {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(c, "client %d", i)
		defer c.Close()
	}
	wg.Wait()
	sort.Strings(got)
	fmt.Println(got)

	// three readers on one connection, three one-byte messages
	acc := make(chan net.Conn)
	go func() {
		c, _ := ln.Accept()
		acc <- c
	}()
	c, _ := net.Dial("tcp", ln.Addr().String())
	s := <-acc
	res := make(chan byte)
	for i := 0; i < 3; i++ {
		go func() {
			b := make([]byte, 1)
			s.Read(b)
			res <- b[0]
		}()
	}
	for _, ch := range []string{"x", "y", "z"} {
		c.Write([]byte(ch))
	}
	bs := []string{}
	for i := 0; i < 3; i++ {
		bs = append(bs, string([]byte{<-res}))
	}
	sort.Strings(bs)
	fmt.Println(bs)
	ln.Close()
}
