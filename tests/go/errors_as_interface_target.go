// os.Open of a path that does not exist: the error text is the same everywhere.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

type Temporary interface{ Temporary() bool }

type tempErr struct{}

func (tempErr) Error() string   { return "temp" }
func (tempErr) Temporary() bool { return true }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprint("code ", e.Code) }

func main() {
	var t Temporary
	fmt.Println(errors.As(errors.New("plain"), &t), t)
	fmt.Println(errors.As(fmt.Errorf("w: %w", tempErr{}), &t), t)
	var t2 interface{ Temporary() bool }
	fmt.Println(errors.As(fmt.Errorf("dial: %w", tempErr{}), &t2), t2.Temporary())
	var me *MyErr
	err := fmt.Errorf("ctx: %w", &MyErr{7})
	fmt.Println(errors.As(err, &me), me.Code)
	var pe *fs.PathError
	_, err = os.Open("/nonexistent/x")
	fmt.Println(errors.As(err, &pe), pe.Op)
	var anyErr error
	fmt.Println(errors.As(err, &anyErr), anyErr != nil)
	var e2 interface{ Error() string }
	fmt.Println(errors.As(errors.New("z"), &e2), e2)
}
