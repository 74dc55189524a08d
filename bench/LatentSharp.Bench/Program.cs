Console.WriteLine("bench: see bench/README");
