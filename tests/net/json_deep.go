package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

func main() {
	var v interface{}
	s := strings.Repeat("[", 9000) + strings.Repeat("]", 9000)
	fmt.Println(json.Unmarshal([]byte(s), &v))
	s = strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	fmt.Println(json.Unmarshal([]byte(s), &v))
	b, err := json.Marshal(v)
	fmt.Println(len(b), err)
	type Node struct {
		Next *Node
	}
	n := &Node{}
	n.Next = n
	_, err = json.Marshal(n)
	fmt.Println(err)
}
