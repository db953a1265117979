package main

import (
	"errors"
	"fmt"
	"os"
)

var ErrNotFound = errors.New("not found")
var ErrPermission = errors.New("permission denied")

type QueryError struct {
	Query string
	Err   error
}

func (e *QueryError) Error() string { return "query " + e.Query + ": " + e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

func find(key string) error {
	switch key {
	case "missing":
		return fmt.Errorf("find %q: %w", key, ErrNotFound)
	case "secret":
		return &QueryError{Query: key, Err: ErrPermission}
	case "deep":
		inner := fmt.Errorf("layer1: %w", ErrNotFound)
		return fmt.Errorf("layer2: %w", inner)
	}
	return nil
}

func main() {
	for _, k := range []string{"ok", "missing", "secret", "deep"} {
		err := find(k)
		if err == nil {
			fmt.Println(k, "-> ok")
			continue
		}
		fmt.Println(k, "->", err)
		fmt.Println("  is NotFound:", errors.Is(err, ErrNotFound))
		fmt.Println("  is Permission:", errors.Is(err, ErrPermission))
		var qe *QueryError
		if errors.As(err, &qe) {
			fmt.Println("  query error for", qe.Query)
		}
		fmt.Println("  unwrap:", errors.Unwrap(err))
	}
	_, err := os.ReadFile("/nonexistent/file.txt")
	var pe *os.PathError
	if errors.As(err, &pe) {
		fmt.Println("path error:", pe.Op, pe.Path)
	}
	fmt.Println(err)
	wrapped := fmt.Errorf("config: %w", err)
	fmt.Println(errors.Is(wrapped, os.ErrNotExist))
}
