// args: -n=3 -name gopher -v -ratio 0.5 -wait 1m30s rest1 rest2
package main

import (
	"flag"
	"fmt"
	"time"
)

func main() {
	n := flag.Int("n", 1, "number of repetitions")
	name := flag.String("name", "world", "who to greet")
	verbose := flag.Bool("v", false, "verbose output")
	ratio := flag.Float64("ratio", 1.0, "a ratio")
	wait := flag.Duration("wait", time.Second, "how long to wait")
	var level int
	flag.IntVar(&level, "level", 2, "log level")
	flag.Parse()

	for i := 0; i < *n; i++ {
		fmt.Printf("hello, %s!\n", *name)
	}
	fmt.Println("verbose:", *verbose, "ratio:", *ratio, "wait:", *wait, "level:", level)
	fmt.Println("args:", flag.Args(), flag.NArg(), flag.Arg(0), flag.Arg(5) == "")
	fmt.Println("set flags:", flag.NFlag(), flag.Parsed())
}
