package main

import (
	"fmt"
	"math/rand"
	"sort"
)

func main() {
	r := rand.New(rand.NewSource(42))
	inRange := true
	seen := map[int]bool{}
	for i := 0; i < 1000; i++ {
		v := r.Intn(10)
		if v < 0 || v >= 10 {
			inRange = false
		}
		seen[v] = true
	}
	fmt.Println("Intn in range:", inRange, "all values seen:", len(seen) == 10)

	p := r.Perm(20)
	sorted := append([]int(nil), p...)
	sort.Ints(sorted)
	ok := true
	for i, v := range sorted {
		if v != i {
			ok = false
		}
	}
	fmt.Println("Perm is a permutation:", ok, len(p))

	words := []string{"a", "b", "c", "d", "e", "f"}
	rand.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	sort.Strings(words)
	fmt.Println("Shuffle keeps elements:", words)

	f := rand.Float64()
	fmt.Println("Float64 in [0,1):", f >= 0 && f < 1)

	a := rand.New(rand.NewSource(7))
	b := rand.New(rand.NewSource(7))
	same := true
	for i := 0; i < 50; i++ {
		if a.Int63() != b.Int63() {
			same = false
		}
	}
	fmt.Println("same seed, same sequence:", same)
	rand.Seed(99)
	x := rand.Int()
	rand.Seed(99)
	fmt.Println("Seed repeats:", x == rand.Int(), x >= 0)
	fmt.Printf("%T\n", r)
	defer func() { fmt.Println("recovered:", recover()) }()
	rand.Intn(0)
}
