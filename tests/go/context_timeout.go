// procs: 1,2
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func work(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type key string

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	fmt.Println("quick:", work(ctx, time.Millisecond))
	err := work(ctx, 5*time.Second)
	fmt.Println("slow:", err)
	fmt.Println(errors.Is(err, context.DeadlineExceeded), err == context.DeadlineExceeded)
	_, ok := ctx.Deadline()
	fmt.Println("has deadline:", ok)

	ctx2, cancel2 := context.WithTimeout(context.Background(), time.Hour)
	cancel2()
	fmt.Println("canceled early:", work(ctx2, time.Second))

	vctx := context.WithValue(context.Background(), key("user"), "gopher")
	vctx = context.WithValue(vctx, key("id"), 42)
	fmt.Println(vctx.Value(key("user")), vctx.Value(key("id")), vctx.Value(key("none")))
	tctx, tcancel := context.WithTimeout(vctx, 10*time.Millisecond)
	defer tcancel()
	<-tctx.Done()
	fmt.Println(tctx.Err(), tctx.Value(key("user")))
	_, ok = context.Background().Deadline()
	fmt.Println(ok)
}
