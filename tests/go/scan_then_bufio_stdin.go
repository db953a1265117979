// fmt.Scan reads only what it needs from standard input (Go reads it a byte
// at a time), so a bufio.Reader made afterwards sees the rest.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

func main() {
	var n int
	fmt.Scan(&n)
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	fmt.Printf("%d %q %v\n", n, line, err)
	var w string
	fmt.Scan(&w)
	fmt.Println("word:", w)
	rest, _ := io.ReadAll(os.Stdin)
	fmt.Printf("rest %q\n", rest)
}
