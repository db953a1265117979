package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

func main() {
	r := bufio.NewReader(strings.NewReader("alpha,beta,gamma\nsecond line\r\nthird"))
	for {
		tok, err := r.ReadString(',')
		fmt.Printf("%q %v\n", tok, err)
		if err != nil || strings.Contains(tok, "\n") {
			break
		}
	}
	line, isPrefix, err := r.ReadLine()
	fmt.Printf("%q %v %v\n", line, isPrefix, err)
	line, isPrefix, err = r.ReadLine()
	fmt.Printf("%q %v %v\n", line, isPrefix, err)
	_, _, err = r.ReadLine()
	fmt.Println(err == io.EOF)

	rr := bufio.NewReader(strings.NewReader("héllo"))
	for {
		c, size, err := rr.ReadRune()
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Printf("%c:%d ", c, size)
	}
	br := bufio.NewReader(strings.NewReader("xyz"))
	b, _ := br.ReadByte()
	br.UnreadByte()
	b2, _ := br.ReadByte()
	rest, err := br.ReadString('\n')
	fmt.Println(string(b), string(b2), rest, err)

	sc := bufio.NewScanner(strings.NewReader("1 2 3\n4 5\n\n6"))
	sum := 0
	lines := 0
	for sc.Scan() {
		lines++
		var a int
		for _, f := range strings.Fields(sc.Text()) {
			fmt.Sscan(f, &a)
			sum += a
		}
	}
	fmt.Println("lines", lines, "sum", sum)
	sc = bufio.NewScanner(strings.NewReader(strings.Repeat("x", 100)))
	sc.Buffer(make([]byte, 10), 20)
	for sc.Scan() {
		fmt.Println("token", len(sc.Text()))
	}
	fmt.Println("err:", sc.Err())
}
