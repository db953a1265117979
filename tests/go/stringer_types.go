package main

import (
	"fmt"
	"strings"
)

type Celsius float64
type Fahrenheit float64

func (c Celsius) String() string    { return fmt.Sprintf("%.1f°C", float64(c)) }
func (f Fahrenheit) String() string { return fmt.Sprintf("%.1f°F", float64(f)) }

func CToF(c Celsius) Fahrenheit { return Fahrenheit(c*9/5 + 32) }

type IPAddr [4]byte

func (ip IPAddr) String() string {
	parts := make([]string, len(ip))
	for i, b := range ip {
		parts[i] = fmt.Sprint(b)
	}
	return strings.Join(parts, ".")
}

type Person struct {
	Name string
	Age  int
}

func (p Person) String() string { return fmt.Sprintf("%s (%d years)", p.Name, p.Age) }

type Color int

const (
	Red Color = iota
	Green
	Blue
)

func (c Color) String() string {
	switch c {
	case Red:
		return "Red"
	case Green:
		return "Green"
	case Blue:
		return "Blue"
	}
	return fmt.Sprintf("Color(%d)", int(c))
}

func main() {
	c := Celsius(100)
	fmt.Println(c, CToF(c))
	fmt.Printf("%v %s %.2f\n", c, c, float64(c))

	hosts := map[string]IPAddr{"loopback": {127, 0, 0, 1}, "googleDNS": {8, 8, 8, 8}}
	for _, name := range []string{"googleDNS", "loopback"} {
		fmt.Printf("%v: %v\n", name, hosts[name])
	}

	people := []Person{{"Arthur Dent", 42}, {"Zaphod", 9001}}
	fmt.Println(people)
	fmt.Println(people[0])
	fmt.Printf("%v|%s|%d\n", Blue, Green, Red)
	fmt.Println(Color(7), []Color{Red, Blue})
	m := map[Color]int{Red: 1, Blue: 3}
	fmt.Println(m)
}
