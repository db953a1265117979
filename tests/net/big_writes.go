// procs: 1,2
package main

// Writes larger than the socket buffers through bufio.Writer, fmt.Fprintf,
// io.WriteString and json.Encoder while the reader is a goroutine of the
// same program: the writer must park, not block its worker.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strings"
)

type Rec struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() {
		c, err := ln.Accept()
		if err != nil {
			panic(err)
		}
		w := bufio.NewWriter(c)
		line := strings.Repeat("x", 99) + "\n"
		for i := 0; i < 40000; i++ {
			w.WriteString(line)
		}
		w.Write([]byte(strings.Repeat("w", 100000)))
		w.Flush()
		fmt.Fprintf(c, "%s", strings.Repeat("y", 3000000))
		io.WriteString(c, strings.Repeat("z", 2000000))
		enc := json.NewEncoder(c)
		for i := 0; i < 20000; i++ {
			enc.Encode(Rec{i, strings.Repeat("n", i%50)})
		}
		c.Close()
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	r := bufio.NewReader(c)
	counts := map[byte]int{}
	var h uint32 = 2166136261
	total := 0
	buf := make([]byte, 1000)
	for {
		n, err := r.Read(buf)
		for _, b := range buf[:n] {
			counts[b]++
			h = (h ^ uint32(b)) * 16777619
		}
		total += n
		if err != nil {
			fmt.Println(err)
			break
		}
	}
	fmt.Println(total, counts['x'], counts['w'], counts['y'], counts['z'], counts['{'], h)
}
