// procs: 1,2
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func watch(ctx context.Context, name string, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	<-ctx.Done()
	out <- fmt.Sprintf("%s stopped: %v", name, ctx.Err())
}

func main() {
	root, cancelRoot := context.WithCancel(context.Background())
	mid, cancelMid := context.WithCancel(root)
	leaf, cancelLeaf := context.WithTimeout(mid, time.Hour)
	defer cancelLeaf()
	other, cancelOther := context.WithCancel(root)
	defer cancelOther()

	var wg sync.WaitGroup
	out := make(chan string, 10)
	wg.Add(2)
	go watch(leaf, "leaf", &wg, out)
	go watch(mid, "mid", &wg, out)

	cancelMid()
	wg.Wait()
	got := []string{<-out, <-out}
	if got[0] > got[1] {
		got[0], got[1] = got[1], got[0]
	}
	fmt.Println(got[0])
	fmt.Println(got[1])
	fmt.Println("root:", root.Err(), "other:", other.Err())

	cancelRoot()
	<-other.Done()
	fmt.Println("other after root cancel:", other.Err())

	late, lateCancel := context.WithCancel(root)
	defer lateCancel()
	select {
	case <-late.Done():
		fmt.Println("child of canceled parent is canceled:", late.Err())
	default:
		fmt.Println("not canceled")
	}
	fmt.Println(context.TODO() != nil)
}
