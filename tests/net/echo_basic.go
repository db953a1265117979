// procs: 1,2
package main

import (
	"bufio"
	"fmt"
	"net"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	done := make(chan bool)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			panic(err)
		}
		r := bufio.NewReader(conn)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				fmt.Println("server:", err)
				break
			}
			fmt.Fprintf(conn, "echo: %s", line)
		}
		conn.Close()
		done <- true
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	sc := bufio.NewScanner(c)
	for i := 0; i < 3; i++ {
		fmt.Fprintf(c, "hello %d\n", i)
		sc.Scan()
		fmt.Println(sc.Text())
	}
	c.Close()
	<-done
	ln.Close()
}
