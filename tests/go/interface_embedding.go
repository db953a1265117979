package main

import (
	"fmt"
	"strings"
)

type Reader interface{ Read() string }
type Writer interface{ Write(s string) }
type ReadWriter interface {
	Reader
	Writer
}

type Buffer struct{ data []string }

func (b *Buffer) Write(s string) { b.data = append(b.data, s) }
func (b *Buffer) Read() string {
	if len(b.data) == 0 {
		return ""
	}
	s := b.data[0]
	b.data = b.data[1:]
	return s
}

type Closer interface{ Close() error }
type ReadWriteCloser interface {
	ReadWriter
	Closer
}

type File struct {
	Buffer
	closed bool
}

func (f *File) Close() error {
	if f.closed {
		return fmt.Errorf("already closed")
	}
	f.closed = true
	return nil
}

func copyAll(dst Writer, src Reader) int {
	n := 0
	for s := src.Read(); s != ""; s = src.Read() {
		dst.Write(strings.ToUpper(s))
		n++
	}
	return n
}

func main() {
	var rw ReadWriter = &Buffer{}
	rw.Write("hello")
	rw.Write("world")
	out := &Buffer{}
	fmt.Println(copyAll(out, rw), out.data)

	var rwc ReadWriteCloser = &File{}
	rwc.Write("x")
	fmt.Println(rwc.Read(), rwc.Close(), rwc.Close())

	var r Reader = rwc
	if c, ok := r.(Closer); ok {
		fmt.Println("reader is also a closer:", c.Close())
	}
	_, isW := interface{}(out).(Writer)
	_, isC := interface{}(out).(Closer)
	fmt.Println(isW, isC)
}
