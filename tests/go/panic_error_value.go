package main

import (
	"errors"
	"fmt"
)

func main() {
	err := fmt.Errorf("load: %w", errors.New("disk on fire"))
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		panic(r)
	}()
	panic(err)
}
