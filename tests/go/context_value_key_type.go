package main

import (
	"context"
	"fmt"
)

type key string
type ikey int

func main() {
	ctx := context.WithValue(context.Background(), key("user"), "alice")
	ctx = context.WithValue(ctx, ikey(1), "one")
	ctx = context.WithValue(ctx, 2, "two")
	fmt.Println(ctx.Value("user"), ctx.Value(key("user")), ctx.Value(1), ctx.Value(ikey(1)), ctx.Value(2), ctx.Value(int64(2)))
}
