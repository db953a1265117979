package main

import (
	"fmt"
	"io"
)

func main() {
	var a, b int
	n, err := fmt.Sscan("", &a)
	fmt.Println(n, err, err == io.EOF)
	n, err = fmt.Sscan("1", &a, &b)
	fmt.Println(n, err, err == io.EOF, err == io.ErrUnexpectedEOF)
	n, err = fmt.Sscanf("", "%d", &a)
	fmt.Println(n, err, err == io.EOF)
	n, err = fmt.Sscanf("5", "%d %d", &a, &b)
	fmt.Println(n, err, err == io.EOF, err == io.ErrUnexpectedEOF)
	n, err = fmt.Sscanf("x", "x%d", &a)
	fmt.Println(n, err, err == io.EOF, err == io.ErrUnexpectedEOF)
	n, err = fmt.Sscanln("", &a)
	fmt.Println(n, err, err == io.EOF)
	n, err = fmt.Sscanln("7", &a, &b)
	fmt.Println(n, err, err == io.EOF, err == io.ErrUnexpectedEOF)
	n, err = fmt.Sscanf("ab", "abc")
	fmt.Println(n, err, err == io.EOF, err == io.ErrUnexpectedEOF)
	var s string
	n, err = fmt.Sscan("   ", &s)
	fmt.Println(n, err, err == io.EOF)
	// a loop reading numbers until EOF
	in := "3 4 5"
	sum := 0
	for {
		var x int
		_, err := fmt.Sscan(in, &x)
		if err == io.EOF {
			break
		}
		sum += x
		in = in[1:]
		if len(in) > 0 && in[0] == ' ' {
			in = in[1:]
		}
	}
	fmt.Println(sum)
}
