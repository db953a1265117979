package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

func main() {
	r := bufio.NewReader(os.Stdin)
	line, err := r.ReadString('\n')
	fmt.Printf("%q %v %v\n", line, err, err == io.EOF)
	data, err := io.ReadAll(os.Stdin)
	fmt.Println(len(data), err)
	var n int
	c, err := fmt.Scan(&n)
	fmt.Println(c, n, err)
}
