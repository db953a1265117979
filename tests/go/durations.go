// procs: 1,2
package main

import (
	"fmt"
	"time"
)

func main() {
	d := 90 * time.Minute
	fmt.Println(d, d.Hours(), d.Minutes())
	fmt.Println(1500*time.Millisecond, 2*time.Microsecond, 3*time.Nanosecond, time.Duration(0))
	fmt.Println(time.Hour+30*time.Second, -5*time.Second)
	t, err := time.ParseDuration("1h15m30.5s")
	fmt.Println(t, err, t.Seconds())
	_, err = time.ParseDuration("abc")
	fmt.Println(err)
	fmt.Printf("%v %d %T\n", time.Second, time.Second, time.Second)
	timeout := 250 * time.Millisecond
	fmt.Println(timeout.Milliseconds(), timeout.Round(time.Second), timeout.Truncate(100*time.Millisecond))
	start := time.Now()
	time.Sleep(5 * time.Millisecond)
	el := time.Since(start)
	fmt.Println(el >= 5*time.Millisecond, el < 5*time.Second)
	deadline := start.Add(time.Hour)
	fmt.Println(deadline.Sub(start), deadline.After(start), start.Before(deadline))
	fmt.Println(time.Duration(1<<63 - 1))
}
