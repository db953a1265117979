package main

import (
	"fmt"
	"net"
	"strconv"
)

func main() {
	fmt.Println(net.JoinHostPort("127.0.0.1", "80"), net.JoinHostPort("::1", "80"))
	for _, s := range []string{"127.0.0.1:8080", "[::1]:80", ":0", "localhost", "a:b:c"} {
		h, p, err := net.SplitHostPort(s)
		fmt.Printf("%q %q %v\n", h, p, err)
	}
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	n, _ := strconv.Atoi(port)
	fmt.Println(n > 0, n == ln.Addr().(*net.TCPAddr).Port)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.Write([]byte("ok"))
			c.Close()
		}
	}()
	c, err := net.Dial("tcp", net.JoinHostPort("localhost", port))
	if err != nil {
		panic(err)
	}
	tc := c.(*net.TCPConn)
	fmt.Println(tc.SetNoDelay(true), tc.SetKeepAlive(true))
	buf := make([]byte, 8)
	k, err := c.Read(buf)
	fmt.Println(string(buf[:k]), err)
	c.Close()
	fmt.Println(c.RemoteAddr().Network(), c.LocalAddr().(*net.TCPAddr).IP)
}
