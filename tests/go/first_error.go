// procs: 1,2
package main

import (
	"errors"
	"fmt"
	"sync"
)

type Group struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

var errBad = errors.New("bad input")

func check(n int) error {
	if n == 7 {
		return fmt.Errorf("check %d: %w", n, errBad)
	}
	return nil
}

func main() {
	var g Group
	for i := 0; i < 5; i++ {
		n := i
		g.Go(func() error { return check(n) })
	}
	fmt.Println("first run:", g.Wait())

	var g2 Group
	for i := 5; i < 10; i++ {
		n := i
		g2.Go(func() error { return check(n) })
	}
	err := g2.Wait()
	fmt.Println("second run:", err, errors.Is(err, errBad))
}
