# A string literal missing its closing quote.
print("not printed")
greeting = "hello
print(greeting)
done = True
