# Iterating over strings and counting characters.
text = "The quick brown fox jumps over the lazy dog"
vowels = 0
for ch in text.lower():
    if ch in "aeiou":
        vowels += 1
print("vowels:", vowels)
words = text.split()
print("longest:", max(words, key=len), "shortest:", min(words, key=len))
print("capitalized:", " ".join([w.capitalize() for w in words[:3]]))
print("reversed words:", " ".join(reversed(words[:4])))
print("letters:", len(set(text.lower().replace(" ", ""))))
acr = ""
for w in words:
    acr += w[0].upper()
print("acronym:", acr)
