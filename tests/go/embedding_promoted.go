package main

import "fmt"

type Animal struct {
	Name string
	Legs int
}

func (a Animal) Describe() string {
	return fmt.Sprintf("%s has %d legs", a.Name, a.Legs)
}

func (a *Animal) Rename(n string) { a.Name = n }

func (a Animal) Sound() string { return "..." }

type Dog struct {
	Animal
	Breed string
}

func (d Dog) Sound() string { return "Woof" }

type Logger struct {
	prefix string
	lines  []string
}

func (l *Logger) Log(s string) { l.lines = append(l.lines, l.prefix+s) }

type Service struct {
	*Logger
	Name string
}

func main() {
	d := Dog{Animal{"Rex", 4}, "beagle"}
	fmt.Println(d.Name, d.Legs, d.Breed)
	fmt.Println(d.Describe())
	fmt.Println(d.Sound(), d.Animal.Sound())
	d.Rename("Max")
	fmt.Println(d.Name, d.Animal.Name)
	fmt.Printf("%v\n%+v\n", d, d)

	s := Service{&Logger{prefix: "[svc] "}, "api"}
	s.Log("start")
	s.Log("ready")
	for _, l := range s.lines {
		fmt.Println(l)
	}

	type Describer interface{ Describe() string }
	var x Describer = d
	fmt.Println(x.Describe())
}
