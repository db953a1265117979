// The classic bug: a WaitGroup passed by value. Done() decrements the copy,
// so Wait() never returns: Go reports a deadlock, and so must csp.
package main

import (
	"fmt"
	"sync"
)

func work(wg sync.WaitGroup) { wg.Done() }

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go work(wg)
	wg.Wait()
	fmt.Println("done")
}
