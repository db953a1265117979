// procs: 1,2
package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
)

// hide the ephemeral ports in messages
func clean(err error) string {
	s := err.Error()
	f := strings.Fields(s)
	for i, w := range f {
		if strings.HasPrefix(w, "127.0.0.1:") {
			f[i] = "ADDR" + strings.TrimPrefix(strings.TrimRight(w, ":"), strings.TrimRight(w, ":"))
			if strings.HasSuffix(w, ":") {
				f[i] += ":"
			}
		}
		if strings.Contains(w, "->") {
			f[i] = "ADDR->ADDR:"
		}
	}
	return strings.Join(f, " ")
}

func main() {
	// refused
	_, err := net.Dial("tcp", "127.0.0.1:1")
	fmt.Println(err)
	_, err = net.DialTimeout("tcp", "127.0.0.1:1", time.Second)
	fmt.Println(err)
	var ne net.Error
	fmt.Println(errors.As(err, &ne), ne.Timeout())

	// bad addresses
	_, err = net.Dial("tcp", "127.0.0.1")
	fmt.Println(err)
	_, err = net.Listen("tcp", "127.0.0.1")
	fmt.Println(err)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	// address in use
	_, err = net.Listen("tcp", ln.Addr().String())
	fmt.Println(clean(err))
	fmt.Println(ln.Addr().Network())

	accepted := make(chan net.Conn)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			panic(err)
		}
		accepted <- c
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	s := <-accepted
	fmt.Println(c.LocalAddr().String() == s.RemoteAddr().String(), c.RemoteAddr().String() == ln.Addr().String())

	// a read deadline that expires
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	buf := make([]byte, 10)
	t0 := time.Now()
	n, err := c.Read(buf)
	el := time.Since(t0)
	fmt.Println(n, clean(err), el >= 40*time.Millisecond, el < 2*time.Second)
	fmt.Println(errors.Is(err, os.ErrDeadlineExceeded))
	if ne, ok := err.(net.Error); ok {
		fmt.Println("timeout:", ne.Timeout())
	}
	// deadline in the past: immediate
	c.SetReadDeadline(time.Now().Add(-time.Second))
	_, err = c.Read(buf)
	fmt.Println(clean(err))
	// cleared deadline: data flows
	var zero time.Time
	c.SetReadDeadline(zero)
	s.Write([]byte("hi"))
	n, err = c.Read(buf)
	fmt.Println(n, err, string(buf[:n]))

	// peer closes: EOF
	s.Close()
	n, err = c.Read(buf)
	fmt.Println(n, err, err == io.EOF)

	// read from our own closed conn
	c.Close()
	_, err = c.Read(buf)
	fmt.Println(clean(err))
	fmt.Println(errors.Is(err, net.ErrClosed))
	_, err = c.Write([]byte("x"))
	fmt.Println(clean(err))
	fmt.Println(clean(c.Close()))

	// listener closed while Accept waits
	res := make(chan error)
	go func() {
		_, err := ln.Accept()
		res <- err
	}()
	time.Sleep(50 * time.Millisecond)
	ln.Close()
	err = <-res
	fmt.Println(clean(err))
	fmt.Println(errors.Is(err, net.ErrClosed))
	fmt.Println(clean(ln.Close()))
}
