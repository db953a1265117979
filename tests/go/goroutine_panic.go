// procs: 1,2
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("start")
	go func() {
		var p *struct{ x int }
		fmt.Println(p.x)
	}()
	time.Sleep(time.Second)
	fmt.Println("not reached")
}
