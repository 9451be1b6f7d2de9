"""The Faust side of hadath: the app, its topics and one thin agent per stage."""
