// args: alpha beta 42
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	args := os.Args[1:]
	fmt.Println(len(args), strings.Join(args, "+"))
	total := 0
	for _, a := range args {
		if n, err := strconv.Atoi(a); err == nil {
			total += n
		} else {
			fmt.Println("not a number:", a)
		}
	}
	fmt.Println("total:", total)
	fmt.Println(os.Getenv("CSP_SURELY_UNSET_VARIABLE") == "")
	if v, ok := os.LookupEnv("CSP_SURELY_UNSET_VARIABLE"); !ok {
		fmt.Printf("unset %q\n", v)
	}
}
