package main

import (
	"errors"
	"fmt"
	"strconv"
)

type ValidationError struct {
	Field string
	Value int
}

func (e ValidationError) Error() string {
	return fmt.Sprintf("invalid %s: %d", e.Field, e.Value)
}

type TimeoutError struct{ Op string }

func (e *TimeoutError) Error() string   { return e.Op + ": timeout" }
func (e *TimeoutError) Timeout() bool   { return true }

type timeout interface{ Timeout() bool }

func validate(age int) error {
	if age < 0 || age > 150 {
		return ValidationError{"age", age}
	}
	return nil
}

func fetch(n int) (string, error) {
	if n%3 == 0 {
		return "", &TimeoutError{Op: "fetch " + strconv.Itoa(n)}
	}
	return fmt.Sprint("item", n), nil
}

func main() {
	for _, a := range []int{30, -1, 200} {
		if err := validate(a); err != nil {
			var ve ValidationError
			if errors.As(err, &ve) {
				fmt.Println("validation failed on", ve.Field, "value", ve.Value)
			}
			fmt.Println("error:", err)
		} else {
			fmt.Println(a, "is valid")
		}
	}
	for i := 1; i <= 4; i++ {
		s, err := fetch(i)
		if err != nil {
			if t, ok := err.(timeout); ok && t.Timeout() {
				fmt.Println("retryable:", err)
			}
			continue
		}
		fmt.Println("got", s)
	}
	_, err := strconv.Atoi("12a")
	fmt.Println(err)
	var ne *strconv.NumError
	fmt.Println(errors.As(err, &ne), errors.Is(err, strconv.ErrSyntax))
	err = fmt.Errorf("wrapped: %w", ValidationError{"size", 99})
	var ve ValidationError
	fmt.Println(errors.As(err, &ve), ve.Field)
}
