package main

import (
	"fmt"
	"time"
)

type Event struct {
	Name string
	At   time.Time
}

func main() {
	t := time.Time{}
	fmt.Println(t.IsZero(), t.Year(), t)
	e := Event{Name: "x"}
	fmt.Println(e.At == time.Time{}, e.At.IsZero())
	fmt.Println(t.Equal(time.Time{}))
}
