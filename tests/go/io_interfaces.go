package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

type upperWriter struct {
	w io.Writer
	n int
}

func (u *upperWriter) Write(p []byte) (int, error) {
	u.n += len(p)
	return u.w.Write([]byte(strings.ToUpper(string(p))))
}

type countingReader struct {
	r     io.Reader
	bytes int
	calls int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.calls++
	n, err := c.r.Read(p)
	c.bytes += n
	return n, err
}

func main() {
	uw := &upperWriter{w: os.Stdout}
	fmt.Fprintf(uw, "hello %s\n", "writer")
	io.WriteString(uw, "via io.WriteString\n")
	fmt.Println("written:", uw.n)

	cr := &countingReader{r: strings.NewReader("some data to read fully")}
	data, err := io.ReadAll(cr)
	fmt.Println(string(data), err, cr.bytes, cr.calls > 0)

	var w io.Writer = os.Stdout
	if _, ok := w.(io.Reader); ok {
		fmt.Println("stdout is also a reader")
	}
	var sb strings.Builder
	n, err := io.Copy(&sb, strings.NewReader("copied text"))
	fmt.Println(n, err, sb.String())
	fmt.Fprintln(io.Discard, "nothing")
	buf := make([]byte, 4)
	_, err = io.ReadFull(strings.NewReader("ab"), buf)
	fmt.Println(err, err == io.ErrUnexpectedEOF)
	_, err = strings.NewReader("").Read(buf)
	fmt.Println(err == io.EOF, err)
}
