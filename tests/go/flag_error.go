// args: -n 3 -bogus
package main

import (
	"flag"
	"fmt"
)

func main() {
	n := flag.Int("n", 1, "count")
	flag.Parse()
	fmt.Println("n =", *n)
}
