// procs: 1,2
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

func pair(ln net.Listener) (net.Conn, net.Conn) {
	ch := make(chan net.Conn)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			panic(err)
		}
		ch <- c
	}()
	c, err := net.DialTimeout("tcp", ln.Addr().String(), 2*time.Second)
	if err != nil {
		panic(err)
	}
	return c, <-ch
}

func sum(b []byte) uint32 {
	var h uint32 = 2166136261
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	fmt.Printf("%T %T\n", ln, ln.Addr())

	// io.ReadAll after CloseWrite (half close)
	a, b := pair(ln)
	fmt.Printf("%T\n", a)
	go func() {
		io.WriteString(a, "hello, ")
		fmt.Fprintf(a, "%s!", "world")
		a.(*net.TCPConn).CloseWrite()
	}()
	all, err := io.ReadAll(b)
	fmt.Println(string(all), err)
	a.Close()
	b.Close()

	// a large transfer: io.Copy on both ends of an echo (writes must wait for the peer)
	a, b = pair(ln)
	go func() {
		n, err := io.Copy(b, b)
		fmt.Println("echo copied", n, err)
		b.Close()
	}()
	payload := []byte(strings.Repeat("0123456789abcdef", 1<<16)) // 1 MiB
	go func() {
		n, err := a.Write(payload)
		if err != nil || n != len(payload) {
			panic(err)
		}
		a.(*net.TCPConn).CloseWrite()
	}()
	back, err := io.ReadAll(a)
	fmt.Println(len(back), err, sum(back) == sum(payload))
	a.Close()
	time.Sleep(20 * time.Millisecond)

	// io.ReadFull and bufio.Writer
	a, b = pair(ln)
	w := bufio.NewWriter(a)
	w.WriteString("abcdefgh")
	fmt.Println("buffered", w.Buffered())
	w.Flush()
	buf := make([]byte, 5)
	n, err := io.ReadFull(b, buf)
	fmt.Println(n, err, string(buf))
	a.Close()
	n, err = io.ReadFull(b, buf)
	fmt.Println(n, err, string(buf[:n]))
	n, err = io.ReadFull(b, buf)
	fmt.Println(n, err)
	b.Close()

	// Close while a Read waits in another goroutine
	a, b = pair(ln)
	res := make(chan error)
	go func() {
		_, err := a.Read(make([]byte, 10))
		res <- err
	}()
	time.Sleep(30 * time.Millisecond)
	a.Close()
	err = <-res
	fmt.Println(strings.Contains(err.Error(), "use of closed network connection"))
	b.Close()

	// SetReadDeadline from another goroutine wakes a blocked reader
	a, b = pair(ln)
	go func() {
		time.Sleep(30 * time.Millisecond)
		a.SetReadDeadline(time.Now())
	}()
	_, err = a.Read(make([]byte, 10))
	ne, ok := err.(net.Error)
	fmt.Println(ok && ne.Timeout())
	a.Close()
	b.Close()

	// a write deadline that expires: the peer never reads
	a, b = pair(ln)
	a.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
	chunk := make([]byte, 64*1024)
	total := 0
	for {
		n, err := a.Write(chunk)
		total += n
		if err != nil {
			ne, ok := err.(net.Error)
			fmt.Println("write stopped:", ok && ne.Timeout(), total > 0)
			break
		}
	}
	a.Close()
	b.Close()

	// Accept with a deadline
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(30 * time.Millisecond))
	_, err = ln.Accept()
	ne, ok = err.(net.Error)
	fmt.Println("accept timeout:", ok && ne.Timeout())

	// Scanner over a conn with many lines
	var zero time.Time
	ln.(*net.TCPListener).SetDeadline(zero)
	a, b = pair(ln)
	go func() {
		w := bufio.NewWriter(a)
		for i := 0; i < 1000; i++ {
			fmt.Fprintf(w, "line %d\n", i)
		}
		w.Flush()
		a.Close()
	}()
	sc := bufio.NewScanner(b)
	lines, last := 0, ""
	for sc.Scan() {
		lines++
		last = sc.Text()
	}
	fmt.Println(lines, last, sc.Err())
	b.Close()
}
