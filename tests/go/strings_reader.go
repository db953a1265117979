package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

type countWriter struct{ n, calls int }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	c.calls++
	return len(p), nil
}

func main() {
	r := strings.NewReader("héllo, wörld")
	fmt.Printf("%T %d %d\n", r, r.Len(), r.Size())
	b, err := r.ReadByte()
	fmt.Println(b, err, r.Len())
	fmt.Println(r.UnreadByte(), r.UnreadByte())
	ch, size, err := r.ReadRune()
	fmt.Println(string(ch), size, err)
	ch, size, err = r.ReadRune()
	fmt.Println(string(ch), size, err, r.Len())
	fmt.Println(r.UnreadRune(), r.UnreadRune())
	buf := make([]byte, 4)
	n, err := r.Read(buf)
	fmt.Println(n, err, string(buf[:n]))
	pos, err := r.Seek(-3, io.SeekEnd)
	fmt.Println(pos, err)
	rest, err := io.ReadAll(r)
	fmt.Printf("%q %v\n", rest, err)
	n, err = r.Read(buf)
	fmt.Println(n, err, err == io.EOF)
	_, _, err = r.ReadRune()
	fmt.Println(err == io.EOF)
	n, err = r.ReadAt(buf, 1)
	fmt.Println(n, err, string(buf[:n]))
	n, err = r.ReadAt(buf, 11)
	fmt.Println(n, err, string(buf[:n]))

	r.Reset("line one\nline two\nlast")
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		fmt.Printf("%q %v\n", line, err)
		if err != nil {
			break
		}
	}

	var sb strings.Builder
	w, err := strings.NewReader("to the builder").WriteTo(&sb)
	fmt.Println(w, err, sb.String())
	cw := &countWriter{}
	nn, err := io.Copy(cw, strings.NewReader(strings.Repeat("x", 100000)))
	fmt.Println(nn, err, cw.n, cw.calls)
	strings.NewReader("to stdout\n").WriteTo(os.Stdout)

	var rr io.RuneReader = strings.NewReader("ab")
	var bs io.ByteScanner = strings.NewReader("cd")
	x, _, _ := rr.ReadRune()
	y, _ := bs.ReadByte()
	fmt.Println(x, y)
	sc := bufio.NewScanner(strings.NewReader("one two  three\nfour"))
	sc.Split(bufio.ScanWords)
	count := 0
	for sc.Scan() {
		count++
	}
	fmt.Println(count)
}
