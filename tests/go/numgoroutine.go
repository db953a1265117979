// procs: 1,2
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	base := runtime.NumGoroutine()
	fmt.Println("base:", base)
	stop := make(chan struct{})
	var started sync.WaitGroup
	for i := 0; i < 10; i++ {
		started.Add(1)
		go func() {
			started.Done()
			<-stop
		}()
	}
	started.Wait()
	fmt.Println("running:", runtime.NumGoroutine()-base)
	close(stop)
	for i := 0; i < 100 && runtime.NumGoroutine() > base; i++ {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("after stop:", runtime.NumGoroutine()-base)
	fmt.Println(runtime.NumCPU() > 0, runtime.GOMAXPROCS(0) > 0)
}
