package main

import (
	"container/ring"
	"fmt"
)

func main() {
	r := ring.New(5)
	n := r.Len()
	for i := 0; i < n; i++ {
		r.Value = i
		r = r.Next()
	}
	r.Do(func(p any) { fmt.Print(p.(int), " ") })
	fmt.Println()

	r = r.Move(2)
	r.Do(func(p any) { fmt.Print(p, " ") })
	fmt.Println()

	r = r.Prev()
	fmt.Println("value after Prev:", r.Value)

	removed := r.Unlink(2)
	fmt.Println("removed len", removed.Len(), "remaining len", r.Len())
	r.Do(func(p any) { fmt.Print(p, " ") })
	fmt.Println()

	s := ring.New(2)
	s.Value = "x"
	s.Next().Value = "y"
	r.Link(s)
	fmt.Println("after link len:", r.Len())
	r.Do(func(p any) { fmt.Print(p, " ") })
	fmt.Println()

	// a moving average over the last 3 samples
	win := ring.New(3)
	for _, v := range []float64{1, 2, 3, 4, 5, 6} {
		win.Value = v
		win = win.Next()
		sum, cnt := 0.0, 0
		win.Do(func(x any) {
			if x != nil {
				sum += x.(float64)
				cnt++
			}
		})
		fmt.Printf("%.2f ", sum/float64(cnt))
	}
	fmt.Println()
	var zero ring.Ring
	fmt.Println(zero.Len(), zero.Next() == &zero)
}
