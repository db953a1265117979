package main

import (
	"errors"
	"fmt"
	"io"
)

type ID int

func kind(x interface{}) string {
	switch x {
	case 1:
		return "int 1"
	case int64(1):
		return "int64 1"
	case "a":
		return "string a"
	case ID(1):
		return "ID 1"
	case 1.5:
		return "float 1.5"
	case nil:
		return "nil"
	}
	return "other"
}

func main() {
	fmt.Println(kind(1), kind(int64(1)), kind(int8(1)), kind("a"), kind(ID(1)), kind(1.5), kind(float32(1.5)), kind(nil))
	var err error = io.EOF
	switch err {
	case nil:
		fmt.Println("nil")
	case io.ErrUnexpectedEOF:
		fmt.Println("unexpected")
	case io.EOF:
		fmt.Println("EOF")
	}
	e2 := errors.New("x")
	switch e2 {
	case io.EOF:
		fmt.Println("EOF?")
	default:
		fmt.Println("default")
	}
	n := 3
	switch n {
	case 1, 2:
		fmt.Println("small")
	case 3:
		fmt.Println("three")
	}
	var s fmt.Stringer
	switch s {
	case nil:
		fmt.Println("nil stringer")
	}
}
