package main

import (
	"fmt"
	"sort"
)

type Trie struct {
	children map[rune]*Trie
	end      bool
	count    int
}

func NewTrie() *Trie { return &Trie{children: map[rune]*Trie{}} }

func (t *Trie) Insert(w string) {
	n := t
	for _, r := range w {
		c, ok := n.children[r]
		if !ok {
			c = NewTrie()
			n.children[r] = c
		}
		c.count++
		n = c
	}
	n.end = true
}

func (t *Trie) find(prefix string) *Trie {
	n := t
	for _, r := range prefix {
		n = n.children[r]
		if n == nil {
			return nil
		}
	}
	return n
}

func (t *Trie) collect(prefix string, out *[]string) {
	if t.end {
		*out = append(*out, prefix)
	}
	keys := make([]rune, 0, len(t.children))
	for r := range t.children {
		keys = append(keys, r)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, r := range keys {
		t.children[r].collect(prefix+string(r), out)
	}
}

func (t *Trie) Complete(prefix string) []string {
	n := t.find(prefix)
	if n == nil {
		return nil
	}
	var out []string
	n.collect(prefix, &out)
	return out
}

func main() {
	t := NewTrie()
	for _, w := range []string{"go", "gopher", "gold", "golang", "good", "google", "java", "gopher"} {
		t.Insert(w)
	}
	fmt.Println(t.Complete("go"))
	fmt.Println(t.Complete("gol"), t.Complete("x"), len(t.Complete("")))
	fmt.Println(t.find("go").count, t.find("gop").count, t.find("j").end, t.find("java").end)
}
