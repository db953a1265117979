// loop: a tight integer loop of N iterations: s = (s + i*i) mod 1000000007.
// Prints s.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n := 50000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	s := 0
	for i := 0; i < n; i++ {
		s = (s + i*i) % 1000000007
	}
	fmt.Println(s)
}
