package catalog

// Placeholders returns the names of the {name} placeholders in s, in order
// of first appearance, without duplicates. A name is a letter or underscore
// followed by letters, digits or underscores; other braces are literal text.
func Placeholders(s string) []string {
	var names []string
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(s) && isIdentByte(s[j], j == i+1) {
			j++
		}
		if j > i+1 && j < len(s) && s[j] == '}' {
			name := s[i+1 : j]
			dup := false
			for _, n := range names {
				if n == name {
					dup = true
					break
				}
			}
			if !dup {
				names = append(names, name)
			}
			i = j
		}
	}
	return names
}

func isIdentByte(b byte, first bool) bool {
	switch {
	case b == '_', b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z':
		return true
	case b >= '0' && b <= '9':
		return !first
	}
	return false
}

// Fill replaces each {name} placeholder of s with lookup(name) when it
// reports ok, and leaves it visible as {name} otherwise.
func Fill(s string, lookup func(name string) (string, bool)) string {
	var out []byte
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(s) && isIdentByte(s[j], j == i+1) {
			j++
		}
		if j > i+1 && j < len(s) && s[j] == '}' {
			if v, ok := lookup(s[i+1 : j]); ok {
				out = append(out, s[last:i]...)
				out = append(out, v...)
				last = j + 1
			}
			i = j
		}
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}
