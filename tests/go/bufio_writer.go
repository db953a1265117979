package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	fmt.Println("available:", w.Available(), "buffered:", w.Buffered())
	fmt.Fprintf(w, "line %d\n", 1)
	w.WriteString("line 2\n")
	w.WriteByte('!')
	w.WriteRune('é')
	w.WriteString("\n")
	fmt.Println("buffered before flush:", w.Buffered())
	if err := w.Flush(); err != nil {
		fmt.Println("flush error:", err)
	}
	fmt.Println("buffered after flush:", w.Buffered())

	var sb strings.Builder
	bw := bufio.NewWriterSize(&sb, 16)
	for i := 0; i < 5; i++ {
		fmt.Fprintf(bw, "<%d>", i)
	}
	fmt.Println("builder has", sb.Len(), "bytes before flush")
	bw.Flush()
	fmt.Println(sb.String())

	big := bufio.NewWriter(os.Stdout)
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(big, "%d,", i%10)
	}
	big.WriteString("\n")
	big.Flush()

	lost := bufio.NewWriter(os.Stdout)
	lost.WriteString("this is never flushed\n")
	fmt.Println("end")
}
