package main

import (
	"fmt"
	"sort"
)

// reverse embeds sort.Interface and overrides Less.
type reverse struct {
	sort.Interface
}

func (r reverse) Less(i, j int) bool { return r.Interface.Less(j, i) }

type Logger interface{ Log(string) }

type prefixLogger struct {
	prefix string
	out    *[]string
}

func (p prefixLogger) Log(s string) { *p.out = append(*p.out, p.prefix+s) }

type Service struct {
	Logger
	name string
}

func (s Service) Start() { s.Log("starting " + s.name) }

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func main() {
	nums := []int{3, 1, 4, 1, 5, 9, 2, 6}
	sort.Sort(reverse{sort.IntSlice(nums)})
	fmt.Println(nums)
	words := []string{"ccc", "a", "bb", "dddd"}
	sort.Sort(reverse{byLen(words)})
	fmt.Println(words)

	var lines []string
	s := Service{prefixLogger{"[svc] ", &lines}, "api"}
	s.Start()
	s.Logger.Log("direct")
	var l Logger = s
	l.Log("via interface")
	fmt.Println(lines)

	defer func() { fmt.Println("recovered:", recover() != nil) }()
	var empty Service
	empty.Start()
}
