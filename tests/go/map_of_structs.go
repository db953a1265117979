package main

import (
	"fmt"
	"sort"
)

type Student struct {
	Name   string
	Grades []int
}

type Point struct{ X, Y int }

func average(g []int) float64 {
	if len(g) == 0 {
		return 0
	}
	s := 0
	for _, v := range g {
		s += v
	}
	return float64(s) / float64(len(g))
}

func main() {
	students := map[string]Student{}
	add := func(name string, grade int) {
		s := students[name]
		s.Name = name
		s.Grades = append(s.Grades, grade)
		students[name] = s
	}
	add("ann", 90)
	add("bob", 72)
	add("ann", 85)
	add("cid", 60)
	add("bob", 88)

	keys := make([]string, 0, len(students))
	for k := range students {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := students[k]
		fmt.Printf("%s %v %.2f\n", s.Name, s.Grades, average(s.Grades))
	}

	ptrs := map[string]*Student{"x": {Name: "x"}}
	ptrs["x"].Grades = append(ptrs["x"].Grades, 1, 2, 3)
	fmt.Println(*ptrs["x"])

	visits := map[Point]int{}
	path := []Point{{0, 0}, {1, 0}, {1, 1}, {0, 0}, {1, 1}, {0, 0}}
	for _, p := range path {
		visits[p]++
	}
	fmt.Println(len(visits), visits[Point{0, 0}], visits[Point{1, 1}], visits[Point{5, 5}])
	fmt.Println(visits)

	nested := map[string]map[string]int{}
	for _, pair := range [][2]string{{"a", "x"}, {"a", "y"}, {"b", "x"}, {"a", "x"}} {
		if nested[pair[0]] == nil {
			nested[pair[0]] = map[string]int{}
		}
		nested[pair[0]][pair[1]]++
	}
	fmt.Println(nested)
	delete(nested, "b")
	_, ok := nested["b"]
	fmt.Println(ok, len(nested))
}
