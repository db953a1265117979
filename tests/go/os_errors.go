package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

func main() {
	f, err := os.Open("/no/such/file")
	fmt.Println(f == nil, err)
	fmt.Printf("%T %v\n", err, errors.Is(err, os.ErrNotExist))
	fmt.Println(errors.Is(err, fs.ErrNotExist), os.IsNotExist(err), os.IsExist(err), errors.Is(err, os.ErrPermission))
	var pe *fs.PathError
	if errors.As(err, &pe) {
		fmt.Println(pe.Op, pe.Path, pe.Err)
		fmt.Printf("%T\n", pe.Err)
	}
	fmt.Println(errors.Unwrap(err))
	fmt.Println(os.ErrNotExist, os.ErrExist, os.ErrPermission, os.ErrClosed, fs.ErrNotExist == os.ErrNotExist)
	_, err = os.ReadFile("/")
	fmt.Println(err)
	name := fmt.Sprintf("/tmp/csp_os_errors_%d.txt", os.Getpid())
	w, err := os.Create(name)
	fmt.Println(err)
	w.WriteString("hello\n")
	w.Close()
	_, err = w.Write([]byte("x"))
	fmt.Println(errors.Is(err, os.ErrClosed))
	r, _ := os.Open(name)
	buf := make([]byte, 10)
	n, err := r.Read(buf)
	fmt.Println(n, err, string(buf[:n]))
	n, err = r.Read(buf)
	fmt.Println(n, err)
	r.Close()
	os.Remove(name)
	err = os.Remove(name)
	fmt.Println(os.IsNotExist(err), errors.As(err, &pe), pe.Op)
	e2 := &fs.PathError{Op: "x", Path: "y", Err: errors.New("z")}
	fmt.Println(e2, errors.Unwrap(e2))
	wrapped := fmt.Errorf("config: %w", &os.PathError{Op: "open", Path: "cfg", Err: os.ErrNotExist})
	fmt.Println(wrapped, errors.Is(wrapped, os.ErrNotExist), os.IsNotExist(wrapped))
}
